using System.Globalization;
using RlaifV.Runtime.Cli;
using RlaifV.Runtime.Pipeline;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

// The rlaifv command line with ShapesPolicy / ColourLabeler as the models. RLAIFV_TEST_POLICY_DELAY_MS slows
// each policy call, so a test can kill the process while work is in flight.
var delay = int.TryParse(Environment.GetEnvironmentVariable("RLAIFV_TEST_POLICY_DELAY_MS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
    ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
return await CommandLine.RunAsync(args, Console.Out, Console.Error,
    _ => new ModelSet(new ShapesPolicy(delay), new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), new ColourLabeler()));
