"""Domain rules, one module per capability. Services take a SQLAlchemy session and never
import Flask's request objects; they own the transaction they start."""
