"""The article the course follows: its section titles, its code and the claims we test.

The course quotes the article to examine it, so the quotes live in one place. The code is kept
exactly as printed (including ``np.int`` and the broadcasting bug) because chapter 4 runs it as
written before fixing it; nothing in the package executes it.
"""

from __future__ import annotations

__all__ = ["ARTICLE_CODE", "ARTICLE_SECTIONS", "CLAIMS"]

#: The article's six top-level sections, by number, as printed in the article.
ARTICLE_SECTIONS = {
    1: "背景介绍",
    2: "核心概念与联系",
    3: "核心算法原理和具体操作步骤以及数学模型公式详细讲解",
    4: "具体代码实例和详细解释说明",
    5: "未来发展趋势与挑战",
    6: "附录常见问题与解答",
}

#: The article's code example (§4), character for character.
ARTICLE_CODE = """\
import numpy as np

# 生成数据
X = np.random.randn(1000, 2)
y = (X[:, 0] > 0).astype(np.int)

# 初始化参数
theta = np.random.randn(2, 1)

# 定义sigmoid函数
def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# 定义梯度
def gradient_descent(X, y, theta, alpha, iterations):
    m = len(y)
    for _ in range(iterations):
        hypothesis = sigmoid(X.dot(theta))
        gradient = (hypothesis - y).dot(X).T / m
        theta -= alpha * gradient
    return theta

# 训练模型
alpha = 0.01
iterations = 1000
theta = gradient_descent(X, y, theta, alpha, iterations)"""

#: Claims from the article that the course checks, keyed by where they appear.
CLAIMS = {
    "2.2 overfitting": "激活函数还可以防止神经网络过拟合，因为它限制了神经元的输出范围。",
    "3.2 exploding": "sigmoid函数的梯度在输入值接近0时会逐渐趋于无穷。",
    "Q1": (
        "sigmoid函数的梯度在输入值越来越大时会趋于0，这是因为sigmoid函数在这些输入值下的输出"
        "接近1，导致梯度计算结果接近0。这会导致梯度下降算法的训练速度变慢，甚至停止。"
    ),
    "Q2": (
        "sigmoid函数的梯度在输入值接近0时会趋于无穷，这是因为sigmoid函数在这些输入值下的输出"
        "接近0.5，导致梯度计算结果接近无穷。这会导致梯度下降算法的训练过程不稳定，甚至导致程序崩溃。"
    ),
}
