namespace RlaifV.Orchestration.Roles;

/// <summary>The process's role (<c>rlaifv_role_info{role}</c>).</summary>
public enum RoleKind
{
    /// <summary><c>rlaifv coordinate</c>.</summary>
    Coordinator,

    /// <summary><c>rlaifv generate --follow</c> (or a bounded Kafka generator).</summary>
    Generator,

    /// <summary><c>rlaifv train --follow</c> / <c>--source kafka</c>.</summary>
    Trainer,

    /// <summary><c>rlaifv run</c>: the three roles in one process.</summary>
    Run,
}
