using Xunit;

// Torch-heavy tests share the CPU: one at a time keeps them fast and deterministic.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
