namespace RlaifV.World;

/// <summary>Draws short questions about a scene whose true answer is well defined.</summary>
public static class QuestionGenerator
{
    /// <summary>
    /// A short question (colour, count, exists or where; kind uniform among those the scene allows).
    /// Colour and where questions name exactly one object, by the fewest attributes that single it out;
    /// count questions ask about a present shape 70 % of the time (with its colour 30 %); exists questions
    /// ask about a present object half the time and an absent colour and shape otherwise.
    /// </summary>
    public static WorldQuestion Generate(Scene scene, WorldRandom rng)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(rng);
        foreach (var kind in rng.Shuffle([QuestionKind.Colour, QuestionKind.Count, QuestionKind.Exists, QuestionKind.Where]))
        {
            var question = kind switch
            {
                QuestionKind.Colour => Unique(scene, rng, o => [new(Shape: o.Shape), new(o.Size, Shape: o.Shape), new(Shape: o.Shape, Cell: o.Cell)], kind),
                QuestionKind.Where => Unique(scene, rng, o => [new(Colour: o.Colour, Shape: o.Shape), new(o.Size, o.Colour, o.Shape)], kind),
                QuestionKind.Count => Count(scene, rng),
                _ => Exists(scene, rng),
            };
            if (question is not null) return question;
        }
        return Exists(scene, rng);
    }

    private static WorldQuestion? Unique(Scene scene, WorldRandom rng, Func<SceneObject, ObjectPattern[]> candidates, QuestionKind kind)
    {
        foreach (var o in rng.Shuffle(scene.Objects))
        {
            var target = candidates(o).FirstOrDefault(p => scene.Matching(p).Count == 1);
            if (target is not null) return new WorldQuestion(kind, target);
        }
        return null;
    }

    private static WorldQuestion Count(Scene scene, WorldRandom rng)
    {
        var present = rng.Chance(0.7) && scene.Objects.Count > 0;
        var o = present ? rng.Pick(scene.Objects) : null;
        var shape = o?.Shape ?? (Shape)rng.NextInt(Enum.GetValues<Shape>().Length);
        Colour? colour = rng.Chance(0.3) ? o?.Colour ?? (Colour)rng.NextInt(Enum.GetValues<Colour>().Length) : null;
        return new WorldQuestion(QuestionKind.Count, new ObjectPattern(Colour: colour, Shape: shape));
    }

    private static WorldQuestion Exists(Scene scene, WorldRandom rng)
    {
        if (rng.Chance(0.5) && scene.Objects.Count > 0)
        {
            var o = rng.Pick(scene.Objects);
            return new WorldQuestion(QuestionKind.Exists, rng.Chance(0.5) ? new ObjectPattern(Colour: o.Colour, Shape: o.Shape) : new ObjectPattern(o.Size, o.Colour, o.Shape));
        }
        var absent = (from s in Enum.GetValues<Shape>()
                      from c in Enum.GetValues<Colour>()
                      let p = new ObjectPattern(Colour: c, Shape: s)
                      where scene.Matching(p).Count == 0
                      select p).ToList();
        return new WorldQuestion(QuestionKind.Exists, rng.Pick(absent));
    }
}
