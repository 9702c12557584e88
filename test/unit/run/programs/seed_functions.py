import torch as t
from torch import Tensor


def batched_logsumexp(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted = matrix - c
    return c.squeeze(-1) + shifted.exp().sum(dim=-1).log()


def batched_logsoftmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    log_sum_exp = c + (matrix - c).exp().sum(dim=-1, keepdim=True).log()
    return matrix - log_sum_exp


def batched_softmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted_exp = (matrix - c).exp()
    return shifted_exp / shifted_exp.sum(dim=-1, keepdim=True)


def batched_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    log_prob = batched_logsoftmax(logits)
    return -log_prob[t.arange(len(true_labels)), true_labels]


ordinary = t.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
extreme = t.tensor([[1000.0, 1000.0, -1000.0], [-1000.0, 0.0, 1e-30]])
labels = t.tensor([2, 0])
lse = batched_logsumexp(ordinary)
lse_extreme = batched_logsumexp(extreme)
naive_lse = extreme.exp().sum(-1).log()
sm = batched_softmax(extreme)
naive_sm = extreme.exp() / extreme.exp().sum(-1, keepdim=True)
lsm = batched_logsoftmax(extreme)
naive_lsm = naive_sm.log()
ce = batched_cross_entropy_loss(extreme, labels)
ce.mean()
