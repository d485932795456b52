using Microsoft.ML.Tokenizers;
using Parquet.Serialization;
using RlaifV.Models;
using RlaifV.Schemas;
using RlaifV.Schemas.Datasets;
using SkiaSharp;

namespace RlaifV.Training.Tests;

/// <summary>Fixtures: the SentencePiece tokenizer, tiny random checkpoints, synthetic pairs, images.</summary>
internal static class TrainingTestData
{
    public static string SentencePieceModel => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tokenizer.model");

    public static int VocabSize()
    {
        using var stream = File.OpenRead(SentencePieceModel);
        return SentencePieceTokenizer.Create(stream).Vocabulary.Count;
    }

    public static string NewTempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rlaifv-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A tiny random LLaVA checkpoint in <paramref name="directory"/>.</summary>
    public static LlavaConfig CreateTinyLlava(string directory, long seed = 7)
    {
        var config = RandomCheckpoint.TinyConfig(VocabSize());
        RandomCheckpoint.CreateLlava(directory, config, SentencePieceModel, seed);
        return config;
    }

    public static LlavaBackend Load(string directory) => LlavaBackend.Load(new BackendOptions { Path = directory, Device = "cpu", BatchSize = 4, Threads = 1 });

    /// <summary>
    /// Synthetic text-only pairs: prompt [bos, a, b, c], chosen [x, y, good, eot] and rejected [x, y, bad, eot], where
    /// only the known token differs (good = 10, bad = 11).
    /// </summary>
    public static IReadOnlyList<TrainingPair> KnownTokenPairs(int count, int eot)
    {
        var pairs = new List<TrainingPair>();
        for (int i = 0; i < count; i++)
        {
            int a = 20 + (i % 7), b = 30 + (i % 5), c = 40 + (i % 3);
            var prompt = new TokenizedPrompt([1, a, b, c]);
            pairs.Add(new TrainingPair($"p{i}", prompt, [50 + (i % 4), 60, 10, eot], [50 + (i % 4), 60, 11, eot]));
        }

        return pairs;
    }

    public static byte[] Png(int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(16, 12, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor((byte)(seed * 40 % 256), (byte)(seed * 90 % 256), 128));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Six good pairs of round <paramref name="round"/>, a repeat of the first and one with no chosen text.</summary>
    internal static async Task WriteRoundAsync(string pairsDir, int round)
    {
        var rows = new List<RlaifvPairRow>();
        for (int i = 0; i < 6; i++)
        {
            byte[] png = TrainingTestData.Png(i);
            var pair = new PreferencePair
            {
                PromptId = $"prompt-{i}",
                Round = round,
                Instruction = "Describe this image in detail.",
                Image = new ImageRef { Bytes = png, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)) },
                ChosenIndex = 0,
                RejectedIndex = 1,
                Chosen = $"a red square {i}",
                Rejected = $"a blue circle {i}",
                ChosenScore = 0,
                RejectedScore = -1,
                ChosenWords = 4,
                RejectedWords = 4,
                ChosenVerdicts = [],
                RejectedVerdicts = [],
                PolicyId = "tiny",
                LabelerId = "tiny",
            };
            rows.Add(RlaifvPairRow.From(pair, PromptKind.Description));
        }

        rows.Add(rows[0]);
        var bad = RlaifvPairRow.From(new PreferencePair
        {
            PromptId = "broken", Round = round, Instruction = "Q", Image = new ImageRef { Sha256 = "" }, ChosenIndex = 0, RejectedIndex = 1,
            Chosen = "", Rejected = "x", ChosenScore = 0, RejectedScore = -1, ChosenWords = 0, RejectedWords = 1, ChosenVerdicts = [], RejectedVerdicts = [], PolicyId = "t", LabelerId = "t",
        }, PromptKind.Description);
        rows.Add(bad);
        string roundDir = Path.Combine(pairsDir, $"round-{round:D4}");
        Directory.CreateDirectory(roundDir);
        await ParquetSerializer.SerializeAsync(rows, Path.Combine(roundDir, $"pairs-r{round:D4}-test-0.parquet"));
    }
}
