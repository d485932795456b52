namespace RlaifV.Training.Tests;

/// <summary>One tiny random LLaVA checkpoint on disk shared by a test class (each test loads its own copy to train).</summary>
public sealed class TinyTrainingFixture : IDisposable
{
    public TinyTrainingFixture()
    {
        Directory = TrainingTestData.NewTempDirectory();
        TrainingTestData.CreateTinyLlava(Directory);
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
