/**
 * Wasm modules at byte level: sections ({@code WasmSections}), exports and data segments rewritten
 * without renumbering, the System API table read from the spec's import block ({@code
 * SystemApiTable}, {@code ic0-imports.txt}), and the IC's install rules ({@code IcModuleValidator},
 * {@code Violation}).
 */
package dev.icjava.build.wasm;
