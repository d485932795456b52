using RlaifV.Stages.Options;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RlaifV.Runtime.Config;

/// <summary>
/// Loads pipeline.yaml: checks its shape (unknown keys, wrong types), binds it to <see cref="PipelineOptions"/>,
/// then validates the values. Any problem throws <see cref="ConfigException"/> listing every problem, before
/// any work starts.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Loads and validates a file.</summary>
    public static PipelineOptions LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"config file '{path}' does not exist");
        var options = Parse(File.ReadAllText(path), path);
        return Resolve(options, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses and validates YAML text (relative paths stay as written).</summary>
    public static PipelineOptions Parse(string yaml, string fileName = "pipeline.yaml")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{fileName}:{e.Start.Line}: not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return Validate(new PipelineOptions());
        var missing = Secrets.Expand(stream.Documents[0].RootNode, fileName);
        if (missing.Count > 0) throw new ConfigException(missing);
        var (shape, values) = YamlShapeChecker.Check(stream.Documents[0].RootNode, typeof(PipelineOptions), fileName);
        if (shape.Count > 0) throw new ConfigException([.. shape, .. values.Select(v => v.Problem)]);

        // Bound from the document as it is now: ${NAME} substituted, and a value not allowed bound as an allowed one, so
        // every other problem is listed with it at once.
        foreach (var bad in values) bad.Node.Value = bad.Fallback;
        var text = new StringWriter();
        stream.Save(text, assignAnchors: false);
        yaml = text.ToString();
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
            .WithTypeMapping<IReadOnlyDictionary<string, string>, Dictionary<string, string>>()
            .Build();
        PipelineOptions options;
        try
        {
            options = deserializer.Deserialize<PipelineOptions>(yaml) ?? new PipelineOptions();
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{fileName}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        var problems = values.Select(v => v.Problem).Concat(OptionsValidator.Check(options)).ToList();
        if (problems.Count > 0) throw new ConfigException(problems);
        return options;
    }

    /// <summary>Validates values; throws listing every problem.</summary>
    public static PipelineOptions Validate(PipelineOptions options)
    {
        var problems = OptionsValidator.Check(options);
        if (problems.Count > 0) throw new ConfigException(problems);
        return options;
    }

    /// <summary>Makes relative paths relative to the config file's folder.</summary>
    public static PipelineOptions Resolve(PipelineOptions o, string baseDir)
    {
        string Abs(string p) => p.Length == 0 || Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(baseDir, p));
        return o with
        {
            Input = o.Input with { Path = Abs(o.Input.Path) },
            Ingest = o.Ingest with { ImageRoot = Abs(o.Ingest.ImageRoot) },
            Output = o.Output with { Dir = Abs(o.Output.Dir) },
            Training = o.Training with { CheckpointsDir = Abs(o.Training.CheckpointsDir) },
            Models = o.Models with
            {
                Policy = o.Models.Policy with { Path = Abs(o.Models.Policy.Path) },
                Labeler = o.Models.Labeler with { Path = Abs(o.Models.Labeler.Path) },
                Llm = o.Models.Llm with { Path = Abs(o.Models.Llm.Path) },
            },
        };
    }
}
