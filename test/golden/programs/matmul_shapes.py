import torch
a = torch.ones(2, 3, 4)
b = torch.arange(20.0).reshape(4, 5)
c = a @ b
d = torch.einsum('bij,jk->bik', a, b)
e = (c - d).abs().max()
f = b @ a
