# The seed notes' functions written the naive way, straight from the formulas. In float32,
# exp overflows to inf once a logit passes about 88.7, and softmax underflows to 0 (so its log
# is -inf) once two logits in a row differ by more than about 104. `tensorlint check examples/seed_naive.py` reports each and offers two fixes: the
# idiomatic call (torch.logsumexp, torch.softmax, F.log_softmax, F.cross_entropy) or, with
# --fix-style explicit, the max-subtracted form of examples/seed_stable.py.
import torch as t
from torch import Tensor


def naive_logsumexp(matrix: Tensor) -> Tensor:
    # matrix: (batch, n) -> (batch,)
    return matrix.exp().sum(dim=-1).log()


def naive_softmax(matrix: Tensor) -> Tensor:
    # exp(1000) is inf in float32, and inf / inf is nan
    return matrix.exp() / matrix.exp().sum(dim=-1, keepdim=True)


def naive_logsoftmax(matrix: Tensor) -> Tensor:
    # softmax underflows to 0 for very negative logits, and log(0) is -inf
    return t.log(t.softmax(matrix, dim=-1))


def naive_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    log_prob = t.log(t.softmax(logits, dim=-1))  # (batch, classes)
    return -log_prob[t.arange(len(true_labels)), true_labels]


extreme = t.tensor([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0]])
lse = t.log(t.sum(t.exp(extreme), dim=-1))  # [inf, -inf] instead of [1000.41, -999.59]
probs = t.exp(extreme) / t.sum(t.exp(extreme), dim=-1, keepdim=True)  # nan everywhere

confident = t.tensor([[0.0, 200.0], [300.0, 0.0]])
labels = t.tensor([0, 1])
loss = naive_cross_entropy_loss(confident, labels)  # [inf, inf] instead of [200., 300.]
