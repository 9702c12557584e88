import torch
x = torch.arange(24.0).reshape(2, 3, 4)
p = x.permute(2, 0, 1)
fl = x.flatten(1)
u = x.unsqueeze(1).shape
sq = torch.zeros(1, 3, 1).squeeze()
cat = torch.cat([x, x], dim=-1).shape
st = torch.stack([x, x]).shape
parts = torch.split(x, 2, dim=-1)
n = len(parts)
ch = x.chunk(3, dim=1)[0].shape
ex = torch.ones(3, 1).expand(3, 4)
r = torch.tensor([[1, 2]]).repeat(2, 2)
bad = torch.cat([x, torch.zeros(2, 2, 4)], dim=2)
