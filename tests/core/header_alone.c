/* SPDX-License-Identifier: MIT */
/*
 * Compiled once per public header, with FOLIO_HEADER naming it, so that a
 * header that leans on another's includes, or breaks strict ISO C, fails the
 * build. Included twice to check its include guard.
 */
#include FOLIO_HEADER
#include FOLIO_HEADER
