using static TorchSharp.torch;

namespace RlaifV.Training;

/// <summary>A tensor AdamW updates: its state name, the tensor, whether weight decay applies, and where its gradient is.</summary>
/// <param name="Name">Key of its moments in the saved state.</param>
/// <param name="Value">The tensor updated in place.</param>
/// <param name="Decay">Whether decoupled weight decay applies (matrices yes; norms, biases, embeddings no).</param>
/// <param name="Gradient">Its gradient now (autograd's <c>.grad</c>, or one the trainer computes, as for LoRA factors).</param>
internal sealed record OptimizedTensor(string Name, Tensor Value, bool Decay, Func<Tensor?> Gradient);
