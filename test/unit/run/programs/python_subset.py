import torch
import torch.nn.functional as F

x = torch.arange(12).reshape(3, 4).float()
rows, cols = x.shape
total = 0
for i in range(rows):
    total += i * cols
squares = [i * i for i in range(4)]
y = x[:, 1:3] * 2 - 1
z = x.T @ x
mask = x > 5
picked = x[mask]
p = F.softmax(x, dim=-1)
v, idx = x.max(dim=0)
s = x.sum(dim=1, keepdim=True)
w = torch.where(mask, x, torch.zeros_like(x))
if rows > 2:
    flag = True
else:
    flag = False
flag
n = len(squares)
q = x.view(2, -1)
bad = x.view(5, -1)
never = 1
