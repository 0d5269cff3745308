/**
 * A local Caspio REST account for tests and demos, built on WireMock: {@link
 * io.github.caspiojdbc.emulator.CaspioEmulator} (Java API), {@link
 * io.github.caspiojdbc.emulator.EmulatorMain} (command line), {@link
 * io.github.caspiojdbc.emulator.Faults} (fault injection) and {@link
 * io.github.caspiojdbc.emulator.RequestLog} (what was served). Data lives in the {@code store}
 * subpackage.
 *
 * <p>Request path: one catch-all WireMock stub whose response is computed by a global transformer;
 * a servlet filter in front keeps WireMock from crashing on stray percent escapes. Per request: URI
 * length (414), fault plan, token endpoint or bearer check (401), routing to the API generation
 * whose prefix the path is below (one {@code ApiRouter} each: {@code V2Router}, {@code V3Router}),
 * Caspio error envelope, {@code X-Caspio-Request-ID}, log entry.
 *
 * <p>Where Caspio's behaviour is undocumented the emulator is strict; each choice is written on the
 * class that makes it ({@code TokenEndpoint}, {@code TokenService}, {@code ResourceRouter}, {@code
 * V3Router}).
 */
package io.github.caspiojdbc.emulator;
