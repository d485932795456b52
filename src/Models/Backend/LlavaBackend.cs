using RlaifV.Stages.Ports;
using TorchSharp;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// A loaded checkpoint ready for the pipeline: a LLaVA-1.5 model (or a text-only Llama), its tokenizer, chat
/// template and image preprocessor, on the chosen device and dtype. Builds the stage adapters
/// (<see cref="CreatePolicySampler"/>, <see cref="CreateYesNoLabeler"/>, <see cref="CreateLogProbScorer"/>,
/// <see cref="CreateTextGenerator"/>), which share this backend and take turns on it.
/// </summary>
public sealed class LlavaBackend : IDisposable
{
    private readonly nn.Module _root;
    private const int PixelCacheLimit = 256;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, float[]> _pixelCache = new(StringComparer.Ordinal);

    private LlavaBackend(BackendOptions options, nn.Module root, InferenceEngine engine, TextTokenizer tokenizer, ChatTemplate template, ImagePreprocessor? images)
    {
        Options = options;
        _root = root;
        Engine = engine;
        Tokenizer = tokenizer;
        Template = template;
        Images = images;
        ModelId = options.ModelId ?? new DirectoryInfo(options.Path).Name;
        EndOfTurnId = tokenizer.TryGetTokenId(template.EndOfTurn, out int eot) ? eot
            : tokenizer.EosId ?? throw new InvalidDataException($"The tokenizer has neither '{template.EndOfTurn}' nor an end-of-sequence token.");
        var stops = new HashSet<int> { EndOfTurnId };
        if (tokenizer.EosId is { } eos)
        {
            stops.Add(eos);
        }

        foreach (int id in engine.LanguageModel.Config.EosTokenIds)
        {
            stops.Add(id);
        }

        foreach (string s in options.StopTokens)
        {
            stops.Add(tokenizer.TryGetTokenId(s, out int id) ? id : throw new ArgumentException($"model 'stop_tokens' entry '{s}' is not a vocabulary entry."));
        }

        StopIds = stops;
    }

    /// <summary>The options it was loaded with.</summary>
    public BackendOptions Options { get; }

    /// <summary>Id recorded on outputs.</summary>
    public string ModelId { get; }

    /// <summary>The batched forward passes.</summary>
    public InferenceEngine Engine { get; }

    /// <summary>The tokenizer.</summary>
    public TextTokenizer Tokenizer { get; }

    /// <summary>The chat template.</summary>
    public ChatTemplate Template { get; }

    /// <summary>The image preprocessor (null for a text-only model).</summary>
    public ImagePreprocessor? Images { get; }

    /// <summary>Id of the end-of-turn token (scored with responses, stops generation).</summary>
    public int EndOfTurnId { get; }

    /// <summary>Ids that end generation.</summary>
    public IReadOnlyCollection<int> StopIds { get; }

    /// <summary>The module holding every parameter (LLaVA or Llama), e.g. for an optimizer.</summary>
    public nn.Module Module => _root;

    /// <summary>Loads the checkpoint described by <paramref name="options"/> (strictly; see <see cref="CheckpointLoader"/>).</summary>
    public static LlavaBackend Load(BackendOptions options)
    {
        options.Validate();
        string dir = options.Path;
        string configPath = System.IO.Path.Combine(dir, "config.json");
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"model 'path' = '{dir}' has no config.json.", configPath);
        }

        if (options.Threads > 0)
        {
            set_num_threads(options.Threads);
        }

        var device = ResolveDevice(options.Device);
        var tokenizer = TextTokenizer.Load(dir);
        if (ConfigJson.IsLlava(configPath))
        {
            var config = ConfigJson.ReadLlava(configPath);
            var dtype = ResolveDtype(options.DType, config.TorchDtype ?? config.TextConfig.TorchDtype, device);
            var model = Build(() => new LlavaForConditionalGeneration(config), dtype, device);
            try
            {
                CheckpointLoader.Load(model, dir, OptionalKeys(config.TextConfig, "language_model."), CheckpointKeys.ToClassicLlava);
            }
            catch
            {
                model.Dispose();
                throw;
            }

            model.eval();
            string pre = System.IO.Path.Combine(dir, "preprocessor_config.json");
            var imageConfig = File.Exists(pre)
                ? ImageProcessorConfig.Read(pre, config.VisionConfig.ImageSize, options.PadToSquare)
                : ImageProcessorConfig.ForImageSize(config.VisionConfig.ImageSize) with { PadToSquare = options.PadToSquare };
            var template = ChatTemplate.FromName(options.ChatTemplate == "auto" ? "llava-1.5" : options.ChatTemplate);
            int pad = config.PadTokenId ?? config.TextConfig.PadTokenId ?? tokenizer.EosId ?? 0;
            return new LlavaBackend(options, model, new InferenceEngine(model, pad), tokenizer, template, new ImagePreprocessor(imageConfig));
        }
        else
        {
            var config = ConfigJson.ReadLlama(configPath);
            var dtype = ResolveDtype(options.DType, config.TorchDtype, device);
            var model = Build(() => new LlamaForCausalLM(config), dtype, device);
            try
            {
                CheckpointLoader.Load(model, dir, OptionalKeys(config, ""));
            }
            catch
            {
                model.Dispose();
                throw;
            }

            model.eval();
            var template = ChatTemplate.FromName(options.ChatTemplate != "auto" ? options.ChatTemplate
                : tokenizer.TryGetTokenId("<|start_header_id|>", out _) && tokenizer.TryGetTokenId("<|eot_id|>", out _) ? "llama-3" : "plain");
            int pad = config.PadTokenId ?? tokenizer.EosId ?? 0;
            return new LlavaBackend(options, model, new InferenceEngine(model, pad), tokenizer, template, null);
        }
    }

    /// <summary>"auto" picks cuda when TorchSharp's CUDA build and a GPU are present, else cpu.</summary>
    public static Device ResolveDevice(string setting) => setting switch
    {
        "auto" => cuda.is_available() ? CUDA : CPU,
        "cpu" => CPU,
        _ => cuda.is_available() ? new Device(setting) : throw new ArgumentException($"model 'device' = '{setting}' but CUDA is not available (build with -p:TorchDevice=cuda on a GPU machine)."),
    };

    /// <summary>Maps a dtype setting to a scalar type ("auto" follows the checkpoint on GPU, float32 on CPU).</summary>
    public static ScalarType ResolveDtype(string setting, string? checkpointDtype, Device device) => setting switch
    {
        "float32" => ScalarType.Float32,
        "float16" => ScalarType.Float16,
        "bfloat16" => ScalarType.BFloat16,
        _ when device.type == DeviceType.CPU => ScalarType.Float32,
        _ => checkpointDtype switch { "float16" => ScalarType.Float16, "bfloat16" => ScalarType.BFloat16, _ => ScalarType.Float32 },
    };

    /// <summary>
    /// Tokenizes one prompt: the template around <paramref name="instruction"/>, begin-of-sequence first, and for an
    /// image as many image tokens as the vision tower yields features; the image is preprocessed.
    /// </summary>
    public TokenizedPrompt EncodePrompt(string instruction, ReadOnlyMemory<byte>? image, long seed = 0) => EncodePrompt(instruction, image, seed, null);

    private TokenizedPrompt EncodePrompt(string instruction, ReadOnlyMemory<byte>? image, long seed, float[]? pixels)
    {
        var llava = Engine.Llava;
        bool withImage = image is not null || pixels is not null;
        if (withImage && (llava is null || Images is null))
        {
            throw new ArgumentException($"{ModelId} is a text-only model and cannot take an image.");
        }

        string text = Template.Render(instruction, withImage);
        int at = text.IndexOf(ChatTemplate.ImagePlaceholder, StringComparison.Ordinal);
        if (!withImage || at < 0)
        {
            return new TokenizedPrompt(Tokenizer.Encode(text, addBos: true), null, seed);
        }

        var ids = new List<int>(Tokenizer.Encode(text[..at], addBos: true));
        ids.AddRange(Enumerable.Repeat(llava!.Config.ImageTokenIndex, llava.Config.ImageFeatureCount));
        // Each side of the image is tokenized on its own, as LLaVA's tokenizer_image_token does (so with SentencePiece
        // the text after the image starts with the dummy-prefix piece, e.g. "▁" "\n", exactly as the model was trained).
        ids.AddRange(Tokenizer.Encode(text[(at + ChatTemplate.ImagePlaceholder.Length)..], addBos: false));
        return new TokenizedPrompt(ids, pixels ?? Images!.Process(image!.Value.Span), seed);
    }

    /// <summary>
    /// <see cref="EncodePrompt(string, ReadOnlyMemory{byte}?, long)"/> for a pipeline image: preprocessed pixels are
    /// cached by SHA-256 (bounded), and rows sharing an image share one array, so a batch of n candidates of one
    /// prompt runs the vision tower once.
    /// </summary>
    public TokenizedPrompt EncodePrompt(string instruction, ImageInput image, long seed = 0)
    {
        float[]? pixels;
        lock (_pixelCache)
        {
            _pixelCache.TryGetValue(image.Sha256, out pixels);
        }

        var prompt = pixels is null ? EncodePrompt(instruction, image.Bytes, seed) : EncodePrompt(instruction, null, seed, pixels);
        if (pixels is null && prompt.Pixels is not null)
        {
            lock (_pixelCache)
            {
                if (_pixelCache.Count >= PixelCacheLimit)
                {
                    _pixelCache.Clear();
                }

                _pixelCache[image.Sha256] = prompt.Pixels;
            }
        }

        return prompt;
    }

    /// <summary>The context window: the language model's <c>max_position_embeddings</c>.</summary>
    public int ContextTokens => Engine.LanguageModel.Config.MaxPositionEmbeddings;

    /// <summary>
    /// The tokens a prompt takes: the template around <paramref name="instruction"/> (begin-of-sequence included) and, with
    /// an image, the image features; nothing is preprocessed.
    /// </summary>
    public int CountPromptTokens(string instruction, bool withImage)
    {
        bool image = withImage && Engine.Llava is not null;
        string text = Template.Render(instruction, image);
        int at = text.IndexOf(ChatTemplate.ImagePlaceholder, StringComparison.Ordinal);
        if (!image || at < 0)
        {
            return Tokenizer.Encode(text, addBos: true).Count;
        }

        return Tokenizer.Encode(text[..at], addBos: true).Count + Engine.Llava!.Config.ImageFeatureCount
            + Tokenizer.Encode(text[(at + ChatTemplate.ImagePlaceholder.Length)..], addBos: false).Count;
    }

    /// <summary>A response's ids as scored after the prompt: its text, then the end-of-turn token.</summary>
    public IReadOnlyList<int> EncodeResponse(string response)
    {
        var ids = new List<int>(Tokenizer.EncodeContinuation(response, Template.AnswerAfterSpace)) { EndOfTurnId };
        return ids;
    }

    /// <summary>The policy sampler over this model.</summary>
    public IPolicySampler CreatePolicySampler() => new LlavaPolicySampler(this);

    /// <summary>The yes/no labeler over this model.</summary>
    public IYesNoLabeler CreateYesNoLabeler() => new LlavaYesNoLabeler(this);

    /// <summary>The response log-prob scorer over this model.</summary>
    public ILogProbScorer CreateLogProbScorer() => new LlavaLogProbScorer(this);

    /// <summary>The text-only generator (claim extraction, rewriting) over this model.</summary>
    public ITextGenerator CreateTextGenerator() => new LlavaTextGenerator(this);

    /// <summary>Runs <paramref name="work"/> on the thread pool with exclusive use of the model.</summary>
    public async Task<T> RunExclusiveAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _root.Dispose();
        _gate.Dispose();
    }

    private static IReadOnlyCollection<string> OptionalKeys(LlamaConfig text, string prefix) =>
        text.TieWordEmbeddings ? [prefix + "lm_head.weight"] : [];

    private static T Build<T>(Func<T> create, ScalarType dtype, Device device)
        where T : nn.Module
    {
        var previous = get_default_dtype();
        set_default_dtype(dtype);
        try
        {
            var model = create();
            model.to(device);
            return model;
        }
        finally
        {
            set_default_dtype(previous);
        }
    }
}
