namespace RlaifV.Runtime.Config;

/// <summary>Where prompts come from (<c>input.source</c>).</summary>
public enum InputSource
{
    /// <summary><c>file</c> (default): prompts from <c>input.path</c>, pairs to Parquet.</summary>
    File,

    /// <summary><c>kafka</c>: prompts from the prompts topic, outputs to the round's topics.</summary>
    Kafka,

    /// <summary><c>world</c>: scenes of the built-in world, fresh for every round.</summary>
    World,
}
