# Matrix products whose inner dimensions do not agree.
import torch
from torch import nn

x = torch.randn(8, 16)  # (batch, features)
w = torch.randn(32, 16)  # (out, in), as nn.Linear stores it
y = x @ w  # (8, 16) @ (32, 16): inner dims 16 vs 32 -- should be x @ w.T
y_ok = x @ w.T  # (8, 32)

q = torch.randn(2, 4, 10, 8)  # (batch, heads, tokens, dim)
k = torch.randn(2, 4, 10, 8)
attn = torch.matmul(q, k)  # inner dims 8 vs 10 -- k.transpose(-2, -1) was meant
attn_ok = torch.matmul(q, k.transpose(-2, -1))  # (2, 4, 10, 10)

layer = nn.Linear(16, 32)
h = layer(torch.randn(8, 32))  # Linear(16 -> 32) applied to 32 features
