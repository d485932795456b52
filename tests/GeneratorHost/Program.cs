using System.Globalization;
using RlaifV.GeneratorHost;
using RlaifV.Runtime.Cli;

// The rlaifv command line with ShapesPolicy / ColourLabeler as the models and a training double for run.
// RLAIFV_TEST_POLICY_DELAY_MS slows each policy call, so a test can kill the process while work is in flight.
// RLAIFV_TEST_TRAIN_DELAY_MS makes each round's training double take that long, so a test can kill a trainer mid-training.
// RLAIFV_TEST_POISON makes the policy call Environment.FailFast on any prompt whose instruction contains that text: a
// prompt that kills every generator that takes it.
var delay = int.TryParse(Environment.GetEnvironmentVariable("RLAIFV_TEST_POLICY_DELAY_MS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
    ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
var trainDelay = int.TryParse(Environment.GetEnvironmentVariable("RLAIFV_TEST_TRAIN_DELAY_MS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t > 0
    ? TimeSpan.FromMilliseconds(t) : (TimeSpan?)null;
var poison = Environment.GetEnvironmentVariable("RLAIFV_TEST_POISON") is { Length: > 0 } marker ? marker : null;
return await CommandLine.RunAsync(args, Console.Out, Console.Error, o => ShapesRun.Models(o, delay, poison), new ShapesRun.Trainer(trainDelay));
