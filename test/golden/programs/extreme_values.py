import torch
x = torch.tensor([1000.0, -1000.0, 88.0, 89.0, 1e-30, 0.0])
e = x.exp()
l = x.log()
l1 = torch.log1p(x)
s = torch.sigmoid(x)
sq = torch.sqrt(-x)
d = torch.tensor([1.0, -1.0, 0.0]) / 0
n = torch.nan_to_num(d)
z = torch.tensor([0.0]) * float('inf')
