using System.Security.Cryptography;
using RlaifV.Models;
using RlaifV.Schemas;
using RlaifV.Stages.Ports;

namespace RlaifV.Training;

/// <summary>
/// Tokenizes a round's pairs for a policy: the prompt in the policy's chat template with its image (inline bytes, else
/// the file at the image path), the responses followed by end-of-turn. A pair that cannot be encoded (no image,
/// undecodable image, longer than the limit) is dead-lettered with reason <c>unencodable</c> or <c>too_long</c>. A record's
/// reference log-probs (<c>logps</c>) are carried over only when they were computed by the round's reference: their
/// recorded <c>logps_reference_sha256</c> equals the reference weights' digest; any other values (the released dataset's,
/// an earlier round's) are dropped and recomputed, since DPO's loss is only right against the reference it trains from.
/// </summary>
public static class PairEncoder
{
    /// <summary>Encodes <paramref name="records"/>, carrying over reference log-probs found in their <c>logps</c> column.</summary>
    /// <param name="backend">The policy.</param>
    /// <param name="records">Filtered pairs.</param>
    /// <param name="maxTokens">Longest prompt + response (tokens) a row may have.</param>
    /// <param name="deadLetter">Receives the pairs that could not be encoded.</param>
    /// <param name="referenceSha256">The round's reference weights' sha256: a record's logps are used only when computed by it.</param>
    public static IReadOnlyList<TrainingPair> Encode(LlavaBackend backend, IReadOnlyList<RoundPairRecord> records, int maxTokens, Action<DeadLetter> deadLetter, string referenceSha256)
    {
        var result = new List<TrainingPair>(records.Count);
        foreach (var r in records)
        {
            string reason = DeadLetterReasons.Unencodable;
            try
            {
                var prompt = backend.Engine.Llava is null ? backend.EncodePrompt(r.Question!, (ReadOnlyMemory<byte>?)null) : backend.EncodePrompt(r.Question!, Image(r));
                var chosen = backend.EncodeResponse(r.Chosen!);
                var rejected = backend.EncodeResponse(r.Rejected!);
                int longest = prompt.TokenIds.Count + Math.Max(chosen.Count, rejected.Count);
                if (longest > maxTokens)
                {
                    reason = DeadLetterReasons.TooLong;
                    throw new InvalidDataException($"prompt + response is {longest} tokens; training.max_tokens is {maxTokens}");
                }

                var reference = string.Equals(r.LogpsReferenceSha256, referenceSha256, StringComparison.OrdinalIgnoreCase) ? ReferenceLogProbs.TryParse(r.Logps) : null;
                result.Add(new TrainingPair(r.PairId!, prompt, chosen, rejected, reference));
            }
            catch (Exception e) when (e is InvalidDataException or InputRejectedException or IOException or UnauthorizedAccessException)
            {
                deadLetter(new DeadLetter
                {
                    Stage = "train",
                    Reason = reason,
                    Detail = e.Message,
                    Key = r.PairId,
                    Origin = r.Origin,
                    Input = r.PairId ?? "",
                    At = DateTimeOffset.UtcNow,
                });
            }
        }

        return result;
    }

    private static ImageInput Image(RoundPairRecord r)
    {
        byte[] bytes = r.ImageBytes is { Length: > 0 } inline ? inline
            : !string.IsNullOrEmpty(r.ImagePath) && File.Exists(r.ImagePath) ? File.ReadAllBytes(r.ImagePath)
            : throw new InvalidDataException("the pair has neither image bytes nor a readable image path");
        string sha = r.ImageSha256 is { Length: 64 } given ? given : Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new ImageInput(sha, bytes);
    }
}
