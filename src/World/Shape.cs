namespace RlaifV.World;

/// <summary>The shapes an object can have.</summary>
public enum Shape
{
    /// <summary>A filled circle.</summary>
    Circle,

    /// <summary>A filled axis-aligned square.</summary>
    Square,

    /// <summary>A filled upward-pointing triangle.</summary>
    Triangle,

    /// <summary>A filled five-pointed star.</summary>
    Star,
}
