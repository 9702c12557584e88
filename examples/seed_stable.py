# The numerically stable functions from the seed notes ("Classical Functions Reinvention"),
# exactly as written there: subtract the row maximum before exp, so nothing overflows.
# TensorLint reports nothing here. Run it in the bundled engine, cell by cell:
#   node bin/tensorlint.js run examples/seed_stable.py
#   node bin/tensorlint.js run examples/seed_stable.py --cell 3

# %% Imports
import torch as t
from torch import Tensor


# %% The seed notes' functions
def batched_logsumexp(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values  # Tensor.max 返回 torch.return_types.max,有两个字段 values & indices
    shifted = matrix - c  # matrix shape (batch, n)
    # c shape (batch, 1)
    # broadcasting c --> (batch, n)
    return c.squeeze(-1) + shifted.exp().sum(dim=-1).log()


def batched_logsoftmax(matrix: Tensor) -> Tensor:
    """Compute log(softmax(row)) for each row of the matrix.

    matrix: shape (batch, n)
    Return: shape (batch, n)
    """
    # 数值稳定:先减最大值
    c = matrix.max(dim=-1, keepdim=True).values  # (batch, 1)
    # 对应 LogSumExp 表达式
    log_sum_exp = c + (matrix - c).exp().sum(dim=-1, keepdim=True).log()  # keepdim=True 保持 shape 为 (batch, 1)

    # 最终结果 LogSoftmax
    # broadcasting: log_sum_exp 从 (batch, 1) 广播为 (batch, n)
    return matrix - log_sum_exp


def batched_softmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted_exp = (matrix - c).exp()
    return shifted_exp / shifted_exp.sum(dim=-1, keepdim=True)


def batched_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    """Compute the cross entropy loss for each example in the batch.

    logits: shape (batch, classes). logits[i][j] is the unnormalized prediction for example i and class j.
    true_labels: shape (batch, ). true_labels[i] is an integer index representing the true class for example i.

    Return: shape (batch, ). out[i] is the loss for example i.
    """
    log_prob = batched_logsoftmax(logits)  # return (batch, classes)
    return -log_prob[t.arange(len(true_labels)), true_labels]


# %% Moderate inputs
matrix = t.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]])
labels = t.tensor([2, 0])
batched_logsumexp(matrix)
batched_softmax(matrix)
batched_logsoftmax(matrix)
batched_cross_entropy_loss(matrix, labels)

# %% Extreme inputs: still finite, because the maximum is subtracted first
extreme = t.tensor([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0]])
batched_logsumexp(extreme)
batched_softmax(extreme)
batched_logsoftmax(extreme)
batched_cross_entropy_loss(extreme, labels)
