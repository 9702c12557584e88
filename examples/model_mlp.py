# A small nn.Module: the layers built in __init__ give forward its shapes.
import torch
from torch import nn, Tensor
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, d_in: int = 16, d_hidden: int = 32, n_classes: int = 10):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.fc2 = nn.Linear(d_hidden, n_classes)

    def forward(self, x: Tensor) -> Tensor:
        """x: shape (batch, 16)"""
        h = F.relu(self.fc1(x))  # (batch, 32)
        return self.fc2(h)  # (batch, 10)


model = MLP()
inputs = torch.randn(4, 16)
labels = torch.tensor([1, 0, 9, 3])
logits = model(inputs)  # (4, 10)

# The loss written by hand: log of a softmax, then picking the label's column.
log_probs = torch.log(torch.softmax(logits, dim=-1))
loss = -log_probs[torch.arange(4), labels].mean()

# What it should be (one fused, stable call):
loss_stable = F.cross_entropy(logits, labels)

bad = model(torch.randn(4, 10))  # fc1 expects 16 features, gets 10
