package dev.icjava.replica;

/** A signature, public key or certificate that does not verify, and why. */
final class SignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  SignatureException(String message) {
    super(message);
  }
}
