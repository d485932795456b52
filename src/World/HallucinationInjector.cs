namespace RlaifV.World;

/// <summary>
/// Turns true responses into hallucinating ones with named, systematic error types, for the SFT corpus of a
/// policy that should hallucinate like LLaVA-1.5. All draws come from the seed; every planted error is a
/// statement the <see cref="Checker"/> judges false with the recorded <see cref="InjectedError.Kind"/>.
/// </summary>
public static class HallucinationInjector
{
    private const string RandomRule = "random";

    private static readonly ClaimError[] RandomOrder =
        [ClaimError.WrongColour, ClaimError.WrongSize, ClaimError.WrongPosition, ClaimError.WrongCount, ClaimError.ExtraObject];

    /// <summary>
    /// The canonical description of <paramref name="scene"/> with <paramref name="profile"/>'s biases applied,
    /// in this order: colour confusions, position slips, co-occurrences, count slips, run-on, random errors
    /// (each random error touches a sentence no earlier rule touched).
    /// </summary>
    public static CorruptedResponse Corrupt(Scene scene, BiasProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(profile);
        var rng = new WorldRandom(seed);
        var draft = new Draft(scene);
        foreach (var m in draft.Mentions)
        {
            foreach (var rule in profile.ColourConfusions)
            {
                if (m.Error is null && m.Source is { } o && rule.Target.Matches(o) && o.Colour != rule.To && rng.Chance(rule.Probability))
                    Draft.Corrupt(m, m.Pattern with { Colour = rule.To }, ClaimError.WrongColour, rule.Name);
            }
        }
        foreach (var rule in profile.PositionSlips)
        {
            var m = draft.Mentions.FirstOrDefault(x => x.Error is null && x.Pattern.Cell == rule.From);
            if (m is not null && draft.IsFree(rule.To) && rng.Chance(rule.Probability))
                Draft.Corrupt(m, m.Pattern with { Cell = rule.To }, ClaimError.WrongPosition, rule.Name);
        }
        foreach (var rule in profile.Cooccurrences)
        {
            var trigger = scene.Objects.FirstOrDefault(rule.Trigger.Matches);
            if (trigger is null || !Absent(scene, rule.Target) || !rng.Chance(rule.Probability)) continue;
            if (draft.FreeCellAfter(trigger.Cell) is { } cell) draft.Add(rule.Target with { Cell = cell }, rule.Name, runOn: false);
        }
        foreach (var rule in profile.CountSlips)
        {
            var said = scene.Objects.Count + rule.Delta;
            if (draft.CountError is null && scene.Objects.Count >= rule.MinObjects && said is >= 1 and <= 6 && rng.Chance(rule.Probability))
                draft.SetCount(said, rule.Name);
        }
        if (profile.RunOn is { } runOn && scene.Objects.Count > 0 && scene.Objects.Count <= runOn.MaxObjects && rng.Chance(runOn.Probability))
        {
            var target = runOn.Candidates.FirstOrDefault(c => Absent(scene, c));
            if (target is not null && draft.FreeCellAfter(scene.Objects[^1].Cell) is { } cell)
                draft.Add(target with { Cell = cell }, runOn.Name, runOn: true);
        }
        foreach (var kind in RandomOrder)
        {
            if (rng.Chance(profile.RandomErrorRates.GetValueOrDefault(kind))) TryRandom(draft, kind, rng);
        }
        return draft.Build();
    }

    /// <summary>
    /// The canonical description with exactly one random error of <paramref name="kind"/> (wrong colour,
    /// size, position or count, or an extra object), or null when the scene leaves no room for it.
    /// </summary>
    public static CorruptedResponse? Inject(Scene scene, ClaimError kind, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var draft = new Draft(scene);
        return TryRandom(draft, kind, new WorldRandom(seed)) ? draft.Build() : null;
    }

    /// <summary>
    /// The true short answer to <paramref name="question"/> with the profile's biases applied: colour
    /// confusions and random wrong colours for colour questions, position slips and random wrong positions
    /// for where questions, random miscounts for count questions, and for exists questions about an absent
    /// object a false "There is …" when a co-occurrence rule's trigger is present and its target fits the
    /// question (or at the random extra-object rate). Each error's kind is the checker's diagnosis.
    /// Description questions get <see cref="Corrupt"/>.
    /// </summary>
    public static CorruptedResponse CorruptAnswer(Scene scene, WorldQuestion question, BiasProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(profile);
        if (question.Kind == QuestionKind.Describe) return Corrupt(scene, profile, seed);
        var rng = new WorldRandom(seed);
        var truth = Describer.Answer(scene, question)[0];
        var (said, rule) = question.Kind switch
        {
            QuestionKind.Colour => ColourAnswer(scene, question, profile, rng),
            QuestionKind.Where => WhereAnswer(scene, question, profile, rng),
            QuestionKind.Count => CountAnswer(scene, question, profile, rng),
            _ => ExistsAnswer(scene, question, profile, rng),
        };
        if (said is null || rule is null) return new CorruptedResponse([truth], []);
        var (verdict, error) = Checker.Judge(scene, said);
        return verdict == Truth.False ? new CorruptedResponse([said], [new InjectedError(error, rule, said)]) : new CorruptedResponse([truth], []);
    }

    private static (Statement?, string?) ColourAnswer(Scene scene, WorldQuestion q, BiasProfile profile, WorldRandom rng)
    {
        var o = scene.Matching(q.Target)[0];
        foreach (var rule in profile.ColourConfusions)
        {
            if (rule.Target.Matches(o) && o.Colour != rule.To && rng.Chance(rule.Probability)) return (new PropertyStatement(q.Target, Colour: rule.To), rule.Name);
        }
        if (!rng.Chance(profile.RandomErrorRates.GetValueOrDefault(ClaimError.WrongColour))) return (null, null);
        var others = Enum.GetValues<Colour>().Where(c => c != o.Colour).ToList();
        return (new PropertyStatement(q.Target, Colour: rng.Pick(others)), RandomRule);
    }

    private static (Statement?, string?) WhereAnswer(Scene scene, WorldQuestion q, BiasProfile profile, WorldRandom rng)
    {
        var o = scene.Matching(q.Target)[0];
        foreach (var rule in profile.PositionSlips)
        {
            if (o.Cell == rule.From && scene.ObjectAt(rule.To) is null && rng.Chance(rule.Probability))
                return (new PropertyStatement(q.Target, Cell: rule.To), rule.Name);
        }
        if (!rng.Chance(profile.RandomErrorRates.GetValueOrDefault(ClaimError.WrongPosition)) || scene.EmptyCells.Count == 0) return (null, null);
        return (new PropertyStatement(q.Target, Cell: rng.Pick(scene.EmptyCells)), RandomRule);
    }

    private static (Statement?, string?) CountAnswer(Scene scene, WorldQuestion q, BiasProfile profile, WorldRandom rng)
    {
        var m = scene.Matching(q.Target).Count;
        if (m == 0 || !rng.Chance(profile.RandomErrorRates.GetValueOrDefault(ClaimError.WrongCount))) return (null, null);
        var said = m == 1 || rng.Chance(0.5) ? m + 1 : m - 1;
        return (ExistenceStatement.Exactly(said, q.Target), RandomRule);
    }

    private static (Statement?, string?) ExistsAnswer(Scene scene, WorldQuestion q, BiasProfile profile, WorldRandom rng)
    {
        if (scene.Matching(q.Target).Count > 0) return (null, null);
        foreach (var rule in profile.Cooccurrences)
        {
            var fits = q.Target.Colour == rule.Target.Colour && q.Target.Shape == rule.Target.Shape && (q.Target.Size is null || q.Target.Size == rule.Target.Size);
            if (fits && scene.Objects.Any(rule.Trigger.Matches) && rng.Chance(rule.Probability)) return (ExistenceStatement.Some(q.Target), rule.Name);
        }
        return rng.Chance(profile.RandomErrorRates.GetValueOrDefault(ClaimError.ExtraObject)) ? (ExistenceStatement.Some(q.Target), RandomRule) : (null, null);
    }

    private static bool Absent(Scene scene, ObjectPattern p) => scene.Matching(new ObjectPattern(Colour: p.Colour, Shape: p.Shape)).Count == 0;

    private static bool TryRandom(Draft draft, ClaimError kind, WorldRandom rng)
    {
        var scene = draft.Scene;
        var clean = draft.Mentions.Where(m => m.Error is null && m.Source is not null).ToList();
        switch (kind)
        {
            case ClaimError.WrongColour when clean.Count > 0:
                var c = rng.Pick(clean);
                var colours = Enum.GetValues<Colour>().Where(x => x != c.Pattern.Colour).ToList();
                Draft.Corrupt(c, c.Pattern with { Colour = rng.Pick(colours) }, kind, RandomRule);
                return true;
            case ClaimError.WrongSize when clean.Count > 0:
                var s = rng.Pick(clean);
                Draft.Corrupt(s, s.Pattern with { Size = s.Pattern.Size == Size.Big ? Size.Small : Size.Big }, kind, RandomRule);
                return true;
            case ClaimError.WrongPosition when clean.Count > 0 && draft.FreeCells.Count > 0:
                var p = rng.Pick(clean);
                Draft.Corrupt(p, p.Pattern with { Cell = rng.Pick(draft.FreeCells) }, kind, RandomRule);
                return true;
            case ClaimError.WrongCount when draft.CountError is null:
                var n = scene.Objects.Count;
                draft.SetCount(n == 1 || (n < 6 && rng.Chance(0.5)) ? n + 1 : n - 1, RandomRule);
                return true;
            case ClaimError.ExtraObject when draft.FreeCells.Count > 0:
                var absent = (from sh in Enum.GetValues<Shape>()
                              from co in Enum.GetValues<Colour>()
                              let pattern = new ObjectPattern(Colour: co, Shape: sh)
                              where Absent(scene, pattern)
                              select pattern).ToList();
                var cell = rng.Pick(draft.FreeCells);
                draft.Add(rng.Pick(absent) with { Size = rng.Chance(0.5) ? Size.Big : Size.Small, Cell = cell }, RandomRule, runOn: false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A description under construction: the count, one mention per object said, the background.</summary>
    private sealed class Draft(Scene scene)
    {
        public Scene Scene { get; } = scene;

        public List<Mention> Mentions { get; } = scene.Objects.Select(o => new Mention(ObjectPattern.Of(o), o)).ToList();

        public int Count { get; private set; } = scene.Objects.Count;

        public InjectedError? CountError { get; private set; }

        public bool IsFree(Cell cell) => Scene.ObjectAt(cell) is null && Mentions.All(m => m.Pattern.Cell != cell);

        public List<Cell> FreeCells => Cell.All.Where(IsFree).ToList();

        /// <summary>The first free cell after <paramref name="start"/> in reading order, wrapping round.</summary>
        public Cell? FreeCellAfter(Cell start)
        {
            for (var k = 1; k < Cell.All.Count; k++)
            {
                var cell = Cell.FromIndex((start.Index + k) % Cell.All.Count);
                if (IsFree(cell)) return cell;
            }
            return null;
        }

        public static void Corrupt(Mention m, ObjectPattern pattern, ClaimError kind, string rule)
        {
            m.Pattern = pattern;
            m.Error = new InjectedError(kind, rule, ExistenceStatement.Some(pattern));
        }

        public void Add(ObjectPattern pattern, string rule, bool runOn) =>
            Mentions.Add(new Mention(pattern, null) { Error = new InjectedError(ClaimError.ExtraObject, rule, ExistenceStatement.Some(pattern)), RunOn = runOn });

        public void SetCount(int count, string rule)
        {
            Count = count;
            CountError = new InjectedError(ClaimError.WrongCount, rule, ExistenceStatement.Exactly(count, new ObjectPattern()));
        }

        public CorruptedResponse Build()
        {
            var statements = new List<Statement> { ExistenceStatement.Exactly(Count, new ObjectPattern()) };
            var errors = new List<InjectedError>();
            if (CountError is not null) errors.Add(CountError);
            foreach (var m in Mentions.OrderBy(m => m.RunOn).ThenBy(m => m.Pattern.Cell?.Index ?? 0))
            {
                statements.Add(ExistenceStatement.Some(m.Pattern));
                if (m.Error is not null) errors.Add(m.Error);
            }
            if (Scene.Background != Background.White) statements.Add(new BackgroundStatement(Scene.Background));
            return new CorruptedResponse(statements, errors);
        }
    }

    private sealed class Mention(ObjectPattern pattern, SceneObject? source)
    {
        public ObjectPattern Pattern { get; set; } = pattern;

        public SceneObject? Source { get; } = source;

        public InjectedError? Error { get; set; }

        public bool RunOn { get; init; }
    }
}
