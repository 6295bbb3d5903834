/**
 * The local replica behind the IC's HTTPS interface, a tool for icp-cli and {@code @icp-sdk/core}:
 * requests checked as the IC's HTTP handler checks them ({@code Authenticator}, {@code Envelope},
 * {@code Cbor}, {@code RequestIds}, {@code PublicKeys}), the state tree and its certificates signed
 * with BLS12-381 ({@code LabeledTree}, {@code HashTree}, {@code Certificates}, {@code Bls12381},
 * {@code HashToG1}), canister signatures, and the server ({@code HttpReplica}, {@code
 * ReplicaHttpServer}, {@code ReplicaMain}).
 */
package dev.icjava.replica;
