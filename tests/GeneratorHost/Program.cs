using System.Globalization;
using RlaifV.GeneratorHost;
using RlaifV.Runtime.Cli;

// The rlaifv command line with ShapesPolicy / ColourLabeler as the models and a training double for run.
// RLAIFV_TEST_POLICY_DELAY_MS slows each policy call, so a test can kill the process while work is in flight.
var delay = int.TryParse(Environment.GetEnvironmentVariable("RLAIFV_TEST_POLICY_DELAY_MS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
    ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
return await CommandLine.RunAsync(args, Console.Out, Console.Error, o => ShapesRun.Models(o, delay), new ShapesRun.Trainer());
