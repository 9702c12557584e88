import torch
x = torch.arange(6.0).reshape(2, 3)
m = x.max(dim=-1).values
m_keep = x.max(dim=-1, keepdim=True).values
ok = x - m_keep
bad = x - m
