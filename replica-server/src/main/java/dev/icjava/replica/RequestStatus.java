package dev.icjava.replica;

/**
 * What the replica remembers of an update call (index.md, "Request status"): who sent it to which
 * effective canister, until when it must be remembered, and how it ended.
 */
record RequestStatus(
    byte[] sender,
    byte[] effectiveCanisterId,
    long forgetAfter,
    String status,
    byte[] reply,
    int rejectCode,
    String rejectMessage,
    String errorCode) {

  static RequestStatus replied(byte[] sender, byte[] effective, long forgetAfter, byte[] reply) {
    return new RequestStatus(sender, effective, forgetAfter, "replied", reply, 0, null, null);
  }

  static RequestStatus rejected(byte[] sender, byte[] effective, long forgetAfter, int code, String message, String errorCode) {
    return new RequestStatus(sender, effective, forgetAfter, "rejected", null, code, message, errorCode);
  }

  /** The first 8 bytes of SHA-256 of how the call ended (status, reply or reject): what replay checks. */
  byte[] digest() {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(status.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      sha.update((byte) 0);
      if (reply != null) {
        sha.update(reply);
      } else {
        sha.update((byte) rejectCode);
        sha.update(rejectMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        if (errorCode != null) {
          sha.update(errorCode.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
      }
      return java.util.Arrays.copyOf(sha.digest(), 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Its subtree under {@code /request_status/<request id>}. */
  LabeledTree toTree() {
    LabeledTree t = LabeledTree.node();
    t.put("status", LabeledTree.leaf(HashToG1.ascii(status)));
    if (reply != null) {
      t.put("reply", LabeledTree.leaf(reply));
    } else {
      t.put("reject_code", LabeledTree.leaf(Leb128.unsigned(rejectCode)));
      t.put("reject_message", LabeledTree.leaf(rejectMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      if (errorCode != null) {
        t.put("error_code", LabeledTree.leaf(HashToG1.ascii(errorCode)));
      }
    }
    return t;
  }
}
