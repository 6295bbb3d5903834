/**
 * Candid, compiled into canisters: {@link dev.icjava.candid.CandidMessage} reads a message strictly
 * (its cursor {@code CandidInput} and wire type table {@code WireTypeTable} are package-private) and
 * decodes it at expected {@link dev.icjava.candid.CandidType}s into {@link
 * dev.icjava.candid.CandidValue}s; {@link dev.icjava.candid.CandidWriter} (with a {@link
 * dev.icjava.candid.CandidHeader} made once) writes any message the reader reads, {@link
 * dev.icjava.candid.CandidReply} the lone {@code (text)} and {@code (blob)} replies; {@link
 * dev.icjava.candid.Result} and {@link dev.icjava.candid.CandidArguments} serve the glue the build
 * generates for typed methods. Failures are {@link dev.icjava.candid.CandidException}s; {@link
 * dev.icjava.candid.CandidLimits} bounds the work per message.
 */
package dev.icjava.candid;
