using Microsoft.ML.Tokenizers;

namespace RlaifV.Models.Tests;

/// <summary>One tiny random LLaVA checkpoint (sharded, SentencePiece tokenizer) shared by a test class, loaded once.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Directory = TestData.NewTempDirectory();
        int vocab = SentencePieceTokenizerVocabSize();
        Config = RandomCheckpoint.TinyConfig(vocab);
        RandomCheckpoint.CreateLlava(Directory, Config, TestData.SentencePieceModel, seed: 7, maxShardBytes: 64 * 1024);
        Backend = LlavaBackend.Load(new BackendOptions { Path = Directory, Device = "cpu", BatchSize = 4 });
    }

    public string Directory { get; }

    public LlavaConfig Config { get; }

    public LlavaBackend Backend { get; }

    public static int SentencePieceTokenizerVocabSize()
    {
        using var stream = File.OpenRead(TestData.SentencePieceModel);
        return SentencePieceTokenizer.Create(stream).Vocabulary.Count;
    }

    public void Dispose()
    {
        Backend.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
