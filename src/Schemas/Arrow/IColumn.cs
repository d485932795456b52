using Apache.Arrow;

namespace RlaifV.Schemas.Arrow;

/// <summary>One column of a <see cref="RecordLayout{T}"/>: its Arrow field and how to build it from records.</summary>
/// <typeparam name="T">The record type the column reads from.</typeparam>
public interface IColumn<in T>
{
    /// <summary>The Arrow field (name, type, nullability) this column produces.</summary>
    Field Field { get; }

    /// <summary>Builds the column's array for <paramref name="rows"/>, in order.</summary>
    IArrowArray Build(IReadOnlyList<T> rows);
}
