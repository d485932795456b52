namespace RlaifV.Schemas.Datasets;

/// <summary>The Parquet pair profiles (<c>output.profiles</c>); the spelling (<see cref="EnumNames"/>) names the profile's folder.</summary>
public enum PairProfile
{
    /// <summary><c>rlaifv</c>: the released RLAIF-V dataset's columns (<see cref="RlaifvPairRow"/>).</summary>
    Rlaifv,

    /// <summary><c>trl</c>: TRL's vision-DPO columns (<see cref="TrlPairRow"/>).</summary>
    Trl,
}
