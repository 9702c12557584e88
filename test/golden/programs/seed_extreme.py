import torch
import torch as t
import torch.nn.functional as F
from torch import Tensor


def naive_logsumexp(matrix: Tensor) -> Tensor:
    return matrix.exp().sum(dim=-1).log()


def batched_logsumexp(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted = matrix - c
    return c.squeeze(-1) + shifted.exp().sum(dim=-1).log()


def naive_softmax(matrix: Tensor) -> Tensor:
    e = matrix.exp()
    return e / e.sum(dim=-1, keepdim=True)


def batched_softmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted_exp = (matrix - c).exp()
    return shifted_exp / shifted_exp.sum(dim=-1, keepdim=True)


def naive_logsoftmax(matrix: Tensor) -> Tensor:
    return (matrix.exp() / matrix.exp().sum(dim=-1, keepdim=True)).log()


def batched_logsoftmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    log_sum_exp = c + (matrix - c).exp().sum(dim=-1, keepdim=True).log()
    return matrix - log_sum_exp


def naive_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    probs = logits.exp() / logits.exp().sum(dim=-1, keepdim=True)
    return -probs.log()[t.arange(len(true_labels)), true_labels]


def batched_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    log_prob = batched_logsoftmax(logits)
    return -log_prob[t.arange(len(true_labels)), true_labels]

matrix = t.tensor([[1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -999.0]])
labels = t.tensor([2, 0])

lse_naive = naive_logsumexp(matrix)
lse = batched_logsumexp(matrix)
lse_ref = t.logsumexp(matrix, dim=-1)
sm_naive = naive_softmax(matrix)
sm = batched_softmax(matrix)
sm_ref = F.softmax(matrix, dim=-1)
lsm_naive = naive_logsoftmax(matrix)
lsm = batched_logsoftmax(matrix)
lsm_ref = F.log_softmax(matrix, dim=-1)
ce_naive = naive_cross_entropy_loss(matrix, labels)
ce = batched_cross_entropy_loss(matrix, labels)
ce_ref = F.cross_entropy(matrix, labels, reduction='none')
