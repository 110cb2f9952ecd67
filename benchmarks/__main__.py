"""Run every benchmark and print its table: ``python -m benchmarks``.

The benchmarks are outside the default test run: they report speed as ratios against a
baseline measured in the same run, rather than failing a test on a busy machine.
"""

from benchmarks import activations, training


def main() -> None:
    activations.main()
    print()
    training.main()


if __name__ == "__main__":
    main()
