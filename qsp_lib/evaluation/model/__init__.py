"""Models of the evaluation analysis: ISO 9613-2 berm acoustics, health burden of noise and
air pollution, indicator trajectories (numbers in, numbers out)."""
