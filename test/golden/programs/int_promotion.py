import torch
i = torch.tensor([1, 2, 3])
f = i / 2
g = i // 2
h = i * 2.5
k = i + True
m = (i > 1).sum()
n = i.float().mean()
p = i.mean()
