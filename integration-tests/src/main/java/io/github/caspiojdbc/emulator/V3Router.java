/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.ApiVersion;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.RecordPage;
import io.github.caspiojdbc.emulator.store.Switches;
import java.util.List;
import java.util.Optional;

/**
 * REST v3 below {@value #PREFIX}: the shared resource tree, with v3's field definitions (view
 * fields included) and {@code q.getPaginationInfo}, which adds a {@code Pagination} block beside
 * the rows. Strict choice: the parameter must be {@code true} or {@code false}; without it there is
 * no block unless the store's {@link Switches.PaginationBlock} switch says otherwise. The Files
 * area exists only here ({@link V3Files}); v2's older files tree is not served. So do attachment
 * fields' endpoints ({@link AttachmentsRouter}), which v2 never had.
 */
final class V3Router extends ResourceRouter {
  static final String PREFIX = "/integrations/rest/v3";

  private final CaspioStore store;
  private final V3Files files;
  private final AttachmentsRouter attachments;

  V3Router(CaspioStore store) {
    super(store, ApiVersion.V3);
    this.store = store;
    this.files = new V3Files(store.files());
    this.attachments = new AttachmentsRouter(store.attachments());
  }

  @Override
  public PathKind kind(List<String> segments) {
    if (segments.get(0).equals("files")) {
      return PathKind.FILES;
    }
    return AttachmentsRouter.handles(segments) ? PathKind.ATTACHMENTS : super.kind(segments);
  }

  @Override
  public Reply route(ApiCall call) {
    List<String> s = call.segments();
    if (!s.isEmpty() && s.get(0).equalsIgnoreCase("files")) {
      return files.route(call);
    }
    if (AttachmentsRouter.handles(s)) {
      return attachments.route(call);
    }
    return super.route(call);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  boolean knows(String lowerName) {
    return lowerName.equals("q.getpaginationinfo");
  }

  @Override
  boolean paginationInfo(Params query) {
    Optional<String> raw = param(query, "getPaginationInfo");
    if (raw.isEmpty()) {
      return store.switches().paginationBlock() == Switches.PaginationBlock.ALSO_UNASKED;
    }
    if (raw.get().equalsIgnoreCase("true")) {
      return true;
    }
    if (raw.get().equalsIgnoreCase("false")) {
      return false;
    }
    throw ApiException.badQuery("q.getPaginationInfo must be true or false.");
  }

  @Override
  ObjectNode pageBody(RecordPage page, boolean paginationInfo) {
    ObjectNode out = super.pageBody(page, paginationInfo);
    if (paginationInfo) {
      ObjectNode pagination = out.putObject("Pagination");
      if (page.totalCount() == null) {
        pagination.putNull("TotalCount");
      } else {
        pagination.put("TotalCount", page.totalCount().longValue());
      }
      pagination.put("PageNumber", page.pageNumber());
      pagination.put("PageSize", page.pageSize());
    }
    return out;
  }
}
