/* SPDX-License-Identifier: MIT */
#ifndef FOLIO_H
#define FOLIO_H

#include <folio/common.h>
#include <folio/arena.h>
#include <folio/error.h>
#include <folio/doc.h>
#include <folio/iter.h>
#include <folio/sink.h>
#include <folio/options.h>
#include <folio/resource.h>
#include <folio/input.h>
#include <folio/plugin.h>
#include <folio/registry.h>
#include <folio/convert.h>

#endif
