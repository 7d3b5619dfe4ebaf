"""Latent Lab face-model pipeline: data -> evaluator -> GAN -> encoder -> export -> evaluation."""
