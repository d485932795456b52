namespace RlaifV.Training;

/// <summary>Best-of-N selection: the candidate with the highest reward (the first one on ties).</summary>
public static class BestOfN
{
    /// <summary>Index of the highest of <paramref name="rewards"/>; NaN rewards never win.</summary>
    public static int Select(IReadOnlyList<double> rewards)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rewards.Count);
        int best = -1;
        for (int i = 0; i < rewards.Count; i++)
        {
            if (!double.IsNaN(rewards[i]) && (best < 0 || rewards[i] > rewards[best]))
            {
                best = i;
            }
        }

        return best >= 0 ? best : throw new ArgumentException("Every reward is NaN.", nameof(rewards));
    }
}
