/** Stage 4: community detection (Leiden, Louvain), modularity and the connectivity check. */
package io.vieweratlas.core.analysis.community;
