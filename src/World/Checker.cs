namespace RlaifV.World;

/// <summary>
/// Judges responses in the world's language against a scene exactly. For evaluation only: the pipeline
/// never sees ground truth. Claim semantics: "a X" means at least one X; a number means exactly that many;
/// "no X" means none; "the X is P" is true when every X is P, false when none is (or there is no X), and
/// unjudgeable when some are and some are not.
/// </summary>
public static class Checker
{
    /// <summary>Judges every claim of <paramref name="response"/> (split as <see cref="WorldParser.SplitClaims"/> does).</summary>
    public static ResponseJudgement Check(Scene scene, string response)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var judgements = WorldParser.SplitClaims(response).Select(c => JudgeClaim(scene, c)).ToList();
        var covered = new HashSet<SceneObject>();
        foreach (var j in judgements.Where(j => j.Truth == Truth.True))
        {
            var named = j.Statement switch
            {
                ExistenceStatement { Quantifier: not Quantifier.None } e when e.Pattern.Shape is not null => e.Pattern,
                PropertyStatement p when p.Subject.Shape is not null => p.Combined,
                _ => null,
            };
            if (named is not null) covered.UnionWith(scene.Matching(named));
        }
        var words = response.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return new ResponseJudgement(judgements, scene.Objects.Where(covered.Contains).ToList(), words);
    }

    /// <summary>Judges one claim sentence; a sentence outside the language is unjudgeable.</summary>
    public static ClaimJudgement JudgeClaim(Scene scene, string claim)
    {
        var statement = WorldParser.ParseSentence(claim);
        if (statement is null) return new ClaimJudgement(claim, null, Truth.Unjudgeable, ClaimError.None);
        var (truth, error) = Judge(scene, statement);
        return new ClaimJudgement(claim, statement, truth, error);
    }

    /// <summary>The truth of <paramref name="statement"/> in <paramref name="scene"/>, and why it is false if it is.</summary>
    public static (Truth Truth, ClaimError Error) Judge(Scene scene, Statement statement)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return statement switch
        {
            ExistenceStatement e => JudgeExistence(scene, e),
            PropertyStatement p => JudgeProperty(scene, p),
            BackgroundStatement b => b.Background == scene.Background ? (Truth.True, ClaimError.None) : (Truth.False, ClaimError.WrongBackground),
            _ => (Truth.Unjudgeable, ClaimError.None),
        };
    }

    /// <summary>
    /// The metrics over a set of (scene, response): response-level and claim-level hallucination, coverage
    /// and mean length (see <see cref="HallucinationMetrics"/> for the exact definitions).
    /// </summary>
    public static HallucinationMetrics Measure(IEnumerable<(Scene Scene, string Response)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int responses = 0, withClaims = 0, hallucinated = 0, claims = 0, falseClaims = 0, unjudgeable = 0, present = 0, covered = 0;
        long words = 0;
        var errors = new SortedDictionary<ClaimError, int>();
        foreach (var (scene, response) in items)
        {
            var j = Check(scene, response);
            responses++;
            words += j.Words;
            present += scene.Objects.Count;
            covered += j.CoveredObjects.Count;
            claims += j.JudgedClaims;
            falseClaims += j.FalseClaims;
            unjudgeable += j.Claims.Count - j.JudgedClaims;
            if (j.JudgedClaims > 0) withClaims++;
            if (j.Hallucinates) hallucinated++;
            foreach (var c in j.Claims.Where(c => c.Truth == Truth.False))
                errors[c.Error] = errors.GetValueOrDefault(c.Error) + 1;
        }
        return new HallucinationMetrics(responses, withClaims, hallucinated, claims, falseClaims, unjudgeable, present, covered, words, errors);
    }

    private static (Truth, ClaimError) JudgeExistence(Scene scene, ExistenceStatement e)
    {
        var m = scene.Matching(e.Pattern).Count;
        return e.Quantifier switch
        {
            Quantifier.None => m == 0 ? (Truth.True, ClaimError.None) : (Truth.False, ClaimError.FalseAbsence),
            Quantifier.Exactly when m == e.Count => (Truth.True, ClaimError.None),
            Quantifier.Exactly => (Truth.False, m == 0 ? Diagnose(scene, e.Pattern) : ClaimError.WrongCount),
            _ => m > 0 ? (Truth.True, ClaimError.None) : (Truth.False, Diagnose(scene, e.Pattern)),
        };
    }

    private static (Truth, ClaimError) JudgeProperty(Scene scene, PropertyStatement p)
    {
        var subjects = scene.Matching(p.Subject);
        if (subjects.Count == 0) return (Truth.False, Diagnose(scene, p.Combined));
        var holding = subjects.Count(p.Combined.Matches);
        if (holding == subjects.Count) return (Truth.True, ClaimError.None);
        if (holding > 0) return (Truth.Unjudgeable, ClaimError.None);
        var error = p.Colour is not null ? ClaimError.WrongColour : p.Size is not null ? ClaimError.WrongSize : ClaimError.WrongPosition;
        return (Truth.False, error);
    }

    /// <summary>
    /// The nearest real object for a pattern that nothing fits: one attribute off (colour, then size, then
    /// cell, in that priority) names that error; otherwise the object is not there at all.
    /// </summary>
    private static ClaimError Diagnose(Scene scene, ObjectPattern pattern)
    {
        if (pattern.Colour is not null && scene.Matching(pattern with { Colour = null }).Count > 0) return ClaimError.WrongColour;
        if (pattern.Size is not null && scene.Matching(pattern with { Size = null }).Count > 0) return ClaimError.WrongSize;
        if (pattern.Cell is not null && scene.Matching(pattern with { Cell = null }).Count > 0) return ClaimError.WrongPosition;
        return ClaimError.ExtraObject;
    }
}
