package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.TestModule.Code;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code ic0.cost_call} and {@code ic0.cost_create_canister} answer the IC's fees for a 13-node
 * application subnet (dfinity/ic {@code rs/config/src/subnet_config.rs}: {@code xnet_call_fee}
 * 260,000, {@code xnet_byte_transmission_fee} 1,000, {@code canister_creation_fee} 500 billion):
 * icp-cli's cycle-recovery canister asks {@code cost_call} before {@code icp canister delete}.
 */
class CostApiTest {
  static BigInteger reply(String export) {
    TestModule m = new TestModule();
    byte[] i64 = {TestModule.I64};
    byte[] i32 = {TestModule.I32};
    int costCall = m.importIc0("cost_call", new byte[] {TestModule.I64, TestModule.I64, TestModule.I32}, new byte[0]);
    int costCreate = m.importIc0("cost_create_canister", i32, new byte[0]);
    int append = m.importIc0("msg_reply_data_append", new byte[] {TestModule.I32, TestModule.I32}, new byte[0]);
    int reply = m.importIc0("msg_reply", new byte[0], new byte[0]);
    Code call = new Code().i64(4).i64(10).i32(300).call(costCall).i32(300).i32(16).call(append).call(reply);
    Code create = new Code().i32(300).call(costCreate).i32(300).i32(16).call(append).call(reply);
    m.export("canister_update call", m.function(call));
    m.export("canister_update create", m.function(create));
    Canister c = new LocalReplica().install(m.bytes());
    byte[] le = c.update(export, Request.anonymous()).replyBytes();
    byte[] be = new byte[17];
    for (int i = 0; i < 16; i++) {
      be[16 - i] = le[i];
    }
    return new BigInteger(be);
  }

  @Test
  void shouldAnswerTheCallFeePlusTheByteFeeForNameAndPayload() {
    assertEquals(BigInteger.valueOf(260_000 + 1_000 * 14), reply("call"));
  }

  @Test
  void shouldAnswerTheCreationFee() {
    assertEquals(BigInteger.valueOf(500_000_000_000L), reply("create"));
  }
}
