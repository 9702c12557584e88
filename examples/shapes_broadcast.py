# Broadcasting bugs: the shapes are fine for torch until the day batch == n, so they are
# found by TensorLint (which treats distinct symbolic dims as different sizes), not by a test.
import torch
from torch import Tensor


def center_rows(x: Tensor) -> Tensor:
    """x: shape (batch, n)"""
    mean = x.mean(dim=-1)  # (batch,) -- keepdim=True was forgotten
    return x - mean  # (batch, n) - (batch,): trailing dims n vs batch differ


def center_rows_fixed(x: Tensor) -> Tensor:
    """x: shape (batch, n)"""
    mean = x.mean(dim=-1, keepdim=True)  # (batch, 1)
    return x - mean


scores = torch.randn(4, 5)
bias = torch.randn(4)
shifted = scores + bias  # (4, 5) + (4,): size 5 vs 4 on the last dim
