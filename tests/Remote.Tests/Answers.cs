using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace RlaifV.Remote.Tests;

/// <summary>Answers a scripted server writes: completions with log-probs, errors, garbage.</summary>
internal static class Answers
{
    /// <summary>The colour labeler double's answer: "no" to purple or orange, "yes" otherwise.</summary>
    public static JsonObject Labeler(JsonObject request)
    {
        var text = ScriptedServer.TextOf(request);
        var yes = !text.Contains("purple", StringComparison.Ordinal) && !text.Contains("orange", StringComparison.Ordinal);
        return YesNo(yes ? 0.6 : 0.1, yes ? 0.2 : 0.05, yes ? 0.1 : 0.7, yes ? 0.05 : 0.1);
    }

    /// <summary>A one-token answer whose top log-probs give these probabilities to "yes", " Yes", "no", "No" (plus other tokens).</summary>
    public static JsonObject YesNo(double yes, double yesCapital, double no, double noCapital)
    {
        var top = new (string Token, double P)[] { ("yes", yes), (" Yes", yesCapital), ("no", no), ("No", noCapital), ("maybe", 0.01) }
            .Where(t => t.P > 0).OrderByDescending(t => t.P).ToList();
        var entries = new JsonArray(top.Select(t => (JsonNode)new JsonObject { ["token"] = t.Token, ["logprob"] = Math.Log(t.P) }).ToArray());
        return Completion(top[0].Token, new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["token"] = top[0].Token, ["logprob"] = Math.Log(top[0].P), ["top_logprobs"] = entries }),
        });
    }

    public static JsonObject Completion(string text, JsonObject? logprobs = null) => new()
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion",
        ["created"] = 1,
        ["model"] = "labeler",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "length",
            ["logprobs"] = logprobs,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 1, ["total_tokens"] = 13 },
    };

    public static Task Json(HttpContext context, JsonObject body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public static Task Error(HttpContext context, int status, string message, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } s) context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Json(context, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error", ["code"] = status } }, status);
    }
}
