namespace RlaifV.Training;

/// <summary>Training cannot go on: too few pairs, out of memory, a state that does not match. The message says what to change.</summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrainingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
