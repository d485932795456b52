namespace RlaifV.Kafka;

/// <summary>What a topic of the naming scheme holds.</summary>
public enum TopicKind
{
    /// <summary><c>{prefix}.prompts</c>: the input prompts.</summary>
    Prompts,

    /// <summary><c>{prefix}.rNNNN.candidates</c>: the round's sampled candidates.</summary>
    Candidates,

    /// <summary><c>{prefix}.rNNNN.verdicts</c>: the round's scored candidates (claims + verdicts).</summary>
    Verdicts,

    /// <summary><c>{prefix}.rNNNN.pairs</c>: the round's preference pairs.</summary>
    Pairs,

    /// <summary><c>{prefix}.dlq</c>: dead letters of every stage.</summary>
    DeadLetters,

    /// <summary><c>{prefix}.control</c> (compacted): the state of every round.</summary>
    Control,
}
