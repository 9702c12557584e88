import torch
x = torch.arange(12.0).reshape(3, 4)
y = x.transpose(0, 1)
y.shape
y.is_contiguous()
z = y.reshape(-1)
w = y.contiguous().view(2, 6)
v = y.view(-1)
