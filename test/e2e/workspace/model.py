# %% data
import torch

x = torch.arange(20.0).reshape(4, 5) / 10
w = torch.ones(5, 3)
h = x @ w
b = h.sum(dim=0)

# %% unstable
lse = torch.log(torch.exp(x).sum(dim=-1))
