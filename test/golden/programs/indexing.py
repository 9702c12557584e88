import torch
x = torch.arange(24).reshape(2, 3, 4)
a = x[0]
b = x[:, 1]
c = x[..., ::2]
d = x[None, 1, :, -1]
e = x[torch.tensor([1, 0]), torch.tensor([2, 2])]
mask = x > 20
f = x[mask]
x[0, 0, 0] = 100
g = x[0, 0]
h = x[2]
